package io.bigpicture.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One stage's overlay, rendered by {@link Kustomize} and read into fabric8's Kubernetes model. */
final class StageManifests {

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<HasMetadata> objects;

    private StageManifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /**
     * Renders overlays/{stage}, and writes the result to target/kustomize/{stage}.yaml for a person
     * to compare with {@code kubectl kustomize overlays/{stage}} where kustomize is at hand.
     */
    static StageManifests render(String stage) {
        List<Map<String, Object>> rendered = Kustomize.build(Path.of("overlays", stage));
        write(rendered, Path.of("target", "kustomize", stage + ".yaml"));
        // fabric8 reads known kinds into their classes, custom resources (KEDA's) into GenericKubernetesResource
        return new StageManifests(rendered.stream()
                .map(object -> (HasMetadata) KUBERNETES.convertValue(object, KubernetesResource.class))
                .toList());
    }

    private static void write(List<Map<String, Object>> rendered, Path file) {
        try {
            Files.createDirectories(file.getParent());
            StringBuilder yaml = new StringBuilder();
            for (Map<String, Object> object : rendered) {
                yaml.append(YAML.writeValueAsString(object));
            }
            Files.writeString(file, yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /** The custom resources (KEDA's) of this kind. */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(object -> object.getKind().equals(kind)).toList();
    }

    Optional<GenericKubernetesResource> findCustom(String kind, String name) {
        return custom(kind).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    /** The app's Deployment's container of the same name. */
    Container container(String app) {
        return get(Deployment.class, app).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getName().equals(app))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Deployment " + app + " has no container " + app));
    }

    /**
     * The app container's environment as Kubernetes makes it: the variables of its envFrom
     * ConfigMaps, then its env entries over them. Fails on a reference to a ConfigMap or key
     * that is not rendered.
     */
    Map<String, Setting> environment(String app) {
        Container container = container(app);
        Map<String, Setting> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() == null || source.getPrefix() != null) {
                throw new AssertionError(app + ": only envFrom ConfigMaps without a prefix are understood here: " + source);
            }
            configMapData(source.getConfigMapRef().getName()).forEach((key, value) -> environment.put(key, Setting.value(value)));
        }
        for (EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), setting(app, variable));
        }
        return environment;
    }

    private Setting setting(String app, EnvVar variable) {
        EnvVarSource source = variable.getValueFrom();
        if (source == null) {
            return Setting.value(variable.getValue() == null ? "" : variable.getValue());
        }
        if (source.getSecretKeyRef() != null) {
            return Setting.secret(source.getSecretKeyRef());
        }
        if (source.getConfigMapKeyRef() != null) {
            String key = source.getConfigMapKeyRef().getKey();
            Map<String, String> data = configMapData(source.getConfigMapKeyRef().getName());
            if (!data.containsKey(key)) {
                throw new AssertionError(app + ": " + variable.getName() + " names key " + key + " that ConfigMap "
                        + source.getConfigMapKeyRef().getName() + " does not have");
            }
            return Setting.value(data.get(key));
        }
        throw new AssertionError(app + ": " + variable.getName() + ": only values, secretKeyRef and configMapKeyRef are understood here");
    }

    Map<String, String> configMapData(String name) {
        ConfigMap configMap = get(ConfigMap.class, name);
        return configMap.getData() == null ? Map.of() : configMap.getData();
    }

    /** The values (not the Secret references) of the app's environment. */
    Map<String, String> values(String app) {
        return environment(app).entrySet().stream()
                .filter(entry -> entry.getValue().value() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().value()));
    }

    /** An environment variable: a value, or a reference to a Secret's key. */
    record Setting(String value, SecretKeySelector secret) {

        static Setting value(String value) {
            return new Setting(value, null);
        }

        static Setting secret(SecretKeySelector secret) {
            return new Setting(null, secret);
        }
    }
}
