package io.bigpicture.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Renders a kustomization directory as {@code kubectl kustomize} (kustomize v5) does, for the few
 * features infra/k8s uses, so that the build checks the manifests without a kustomize binary.
 * Whatever else a kustomization asks for fails the render instead of being ignored: what this
 * renders must be what kustomize renders. Not reproduced: kustomize's output order (it sorts by
 * kind), so callers find objects by kind and name.
 *
 * <p>Supported: {@code resources} (files, and directories with a kustomization.yaml),
 * {@code configMapGenerator} ({@code envs}, {@code literals}, {@code behavior} create or merge,
 * always with {@code options.disableNameSuffixHash: true}), {@code patches} (strategic-merge patch
 * files, each document matched by apiVersion, kind and name), {@code namespace}, {@code labels}
 * (without {@code includeSelectors}) and {@code images} ({@code newName}, {@code newTag} or
 * {@code digest}), applied in kustomize's order: generators, patches, namespace, labels, images.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "configMapGenerator", "patches", "namespace", "labels", "images");

    /**
     * The kinds this renders besides Namespace, all namespaced. kustomize decides from its schema
     * whether an object gets the namespace, and an unknown kind might be cluster-scoped.
     */
    private static final Set<String> NAMESPACED_KINDS = Set.of("ConfigMap", "Secret", "ServiceAccount", "Service", "Deployment",
            "PodDisruptionBudget", "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "ScaledObject", "TriggerAuthentication");

    /**
     * List fields that strategic-merge patches merge element by element, matched on this key, as
     * Kubernetes' schema says. A patch's other lists of objects fail: kustomize replaces some and
     * merges others on keys it guesses (for custom resources, even {@code type}).
     */
    private static final Map<String, String> MERGE_KEYS =
            Map.of("containers", "name", "initContainers", "name", "env", "name", "volumes", "name", "volumeMounts", "mountPath");

    /** A ConfigMap key as the API server accepts it. */
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private static final ObjectReader YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build()
            .readerFor(Map.class);

    private Kustomize() {
    }

    /** The objects {@code kubectl kustomize directory} prints, in the order they were gathered. */
    static List<Map<String, Object>> build(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new KustomizeException(directory + " has no kustomization.yaml");
        }
        List<Map<String, Object>> documents = readDocuments(file);
        if (documents.size() != 1) {
            throw new KustomizeException(file + " must hold exactly one document");
        }
        Map<String, Object> kustomization = documents.get(0);
        Set<String> unsupported = new TreeSet<>(kustomization.keySet());
        unsupported.removeAll(SUPPORTED_FIELDS);
        if (!unsupported.isEmpty()) {
            throw new KustomizeException(file + ": fields this renderer does not support: " + unsupported);
        }
        expectIfPresent(kustomization, "apiVersion", "kustomize.config.k8s.io/v1beta1", file);
        expectIfPresent(kustomization, "kind", "Kustomization", file);

        List<Map<String, Object>> objects = new ArrayList<>();
        for (String resource : strings(kustomization, "resources", file)) {
            Path path = directory.resolve(resource).normalize();
            List<Map<String, Object>> loaded = Files.isDirectory(path) ? build(path) : readDocuments(path);
            for (Map<String, Object> object : loaded) {
                add(objects, object, path);
            }
        }
        for (Map<String, Object> generator : objectList(kustomization, "configMapGenerator", file)) {
            generateConfigMap(generator, directory, objects, file);
        }
        for (Map<String, Object> patch : objectList(kustomization, "patches", file)) {
            applyPatchFile(patch, directory, objects, file);
        }
        if (kustomization.containsKey("namespace")) {
            setNamespace(string(kustomization, "namespace", file), objects);
        }
        for (Map<String, Object> labels : objectList(kustomization, "labels", file)) {
            addLabels(labels, objects, file);
        }
        for (Map<String, Object> image : objectList(kustomization, "images", file)) {
            setImage(image, objects, file);
        }
        return objects;
    }

    private static void add(List<Map<String, Object>> objects, Map<String, Object> object, Path source) {
        // what an object is found, patched and told apart by
        string(object, "apiVersion", source);
        string(metadata(object), "name", source);
        String kind = string(object, "kind", source);
        if (!NAMESPACED_KINDS.contains(kind) && !kind.equals("Namespace")) {
            throw new KustomizeException(source + ": kind " + kind + " is not one this renderer knows");
        }
        // kustomize refuses two objects with the same id in one build
        if (objects.stream().anyMatch(existing -> id(existing).equals(id(object)))) {
            throw new KustomizeException(source + ": " + id(object) + " is there twice");
        }
        objects.add(object);
    }

    private static String id(Map<String, Object> object) {
        Map<String, Object> metadata = metadata(object);
        return object.get("apiVersion") + " " + object.get("kind") + " " + metadata.get("namespace") + "/" + metadata.get("name");
    }

    // configMapGenerator

    private static void generateConfigMap(Map<String, Object> generator, Path directory, List<Map<String, Object>> objects, Path file) {
        onlyFields(generator, Set.of("name", "behavior", "envs", "literals", "options"), "configMapGenerator", file);
        String name = string(generator, "name", file);
        // kustomize would append a hash of the content to the name and rewrite every reference to it
        if (!Map.of("disableNameSuffixHash", true).equals(generator.get("options"))) {
            throw new KustomizeException(file + ": configMapGenerator " + name + " needs options.disableNameSuffixHash: true and nothing else");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (String envFile : strings(generator, "envs", file)) {
            for (String line : readLines(directory.resolve(envFile))) {
                putEntry(data, parseEnvLine(line, envFile), name, file);
            }
        }
        for (String literal : strings(generator, "literals", file)) {
            putEntry(data, parseLiteral(literal, file), name, file);
        }
        String behavior = generator.containsKey("behavior") ? string(generator, "behavior", file) : "create";
        List<Map<String, Object>> existing = objects.stream()
                .filter(object -> object.get("kind").equals("ConfigMap") && metadata(object).get("name").equals(name))
                .toList();
        if (behavior.equals("create")) {
            if (!existing.isEmpty()) {
                throw new KustomizeException(file + ": ConfigMap " + name + " exists already; merge into it with behavior: merge");
            }
            Map<String, Object> configMap = new LinkedHashMap<>();
            configMap.put("apiVersion", "v1");
            configMap.put("kind", "ConfigMap");
            configMap.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
            configMap.put("data", data);
            objects.add(configMap);
        } else if (behavior.equals("merge")) {
            if (existing.size() != 1) {
                throw new KustomizeException(file + ": behavior merge needs exactly one ConfigMap " + name + ", found " + existing.size());
            }
            Map<String, Object> configMap = existing.get(0);
            Map<String, Object> merged = new LinkedHashMap<>(configMap.containsKey("data") ? map(configMap, "data", file) : Map.of());
            merged.putAll(data);
            configMap.put("data", merged);
        } else {
            throw new KustomizeException(file + ": configMapGenerator " + name + ": behavior " + behavior + " is not supported");
        }
    }

    /** An env file's line as kustomize reads it: comments and blank lines skipped, the value taken as it is. */
    private static Map.Entry<String, String> parseEnvLine(String line, String envFile) {
        String trimmed = line.stripLeading();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        int equals = trimmed.indexOf('=');
        if (equals < 0) {
            // kustomize would take the value from its own process environment
            throw new KustomizeException(envFile + ": a line without '=' (" + trimmed + ") is not supported");
        }
        return Map.entry(trimmed.substring(0, equals), trimmed.substring(equals + 1));
    }

    /** A literal as kustomize reads it: KEY=VALUE, one pair of quotes around the value dropped. */
    private static Map.Entry<String, String> parseLiteral(String literal, Path file) {
        int equals = literal.indexOf('=');
        if (equals < 0) {
            throw new KustomizeException(file + ": literal " + literal + " is not KEY=VALUE");
        }
        String value = literal.substring(equals + 1);
        boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0);
        return Map.entry(literal.substring(0, equals), quoted ? value.substring(1, value.length() - 1) : value);
    }

    private static void putEntry(Map<String, Object> data, Map.Entry<String, String> entry, String configMap, Path file) {
        if (entry == null) {
            return;
        }
        if (!CONFIG_MAP_KEY.matcher(entry.getKey()).matches()) {
            throw new KustomizeException(file + ": ConfigMap " + configMap + ": invalid key '" + entry.getKey() + "'");
        }
        if (data.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
            throw new KustomizeException(file + ": ConfigMap " + configMap + ": key " + entry.getKey() + " given twice");
        }
    }

    // patches

    private static void applyPatchFile(Map<String, Object> entry, Path directory, List<Map<String, Object>> objects, Path file) {
        // no target, inline patch or options: each document names the one object it patches
        onlyFields(entry, Set.of("path"), "patches entry", file);
        Path patchFile = directory.resolve(string(entry, "path", file));
        for (Map<String, Object> patch : readDocuments(patchFile)) {
            rejectUnsupportedPatchContent(patch, patchFile.getFileName().toString());
            Map<String, Object> patchMetadata = metadata(patch);
            if (patchMetadata.containsKey("namespace")) {
                throw new KustomizeException(patchFile + ": patches with a namespace are not supported");
            }
            List<Map<String, Object>> targets = objects.stream()
                    .filter(object -> Objects.equals(object.get("apiVersion"), patch.get("apiVersion"))
                            && Objects.equals(object.get("kind"), patch.get("kind"))
                            && Objects.equals(metadata(object).get("name"), patchMetadata.get("name")))
                    .toList();
            if (targets.size() != 1) {
                throw new KustomizeException(patchFile + ": " + id(patch) + " matches " + targets.size() + " objects, not one");
            }
            mergeStrategically(targets.get(0), patch);
        }
    }

    /** Deleting fields (null) and the patch directives ($patch, $retainKeys...) are not supported. */
    private static void rejectUnsupportedPatchContent(Object node, String path) {
        if (node instanceof Map) {
            for (Map.Entry<?, ?> field : ((Map<?, ?>) node).entrySet()) {
                String fieldPath = path + "." + field.getKey();
                if (field.getKey().toString().startsWith("$")) {
                    throw new KustomizeException(fieldPath + ": patch directives are not supported");
                }
                if (field.getValue() == null) {
                    throw new KustomizeException(fieldPath + ": deleting a field (null) is not supported");
                }
                rejectUnsupportedPatchContent(field.getValue(), fieldPath);
            }
        } else if (node instanceof List) {
            for (Object element : (List<?>) node) {
                rejectUnsupportedPatchContent(element, path + "[]");
            }
        }
    }

    /**
     * Merges a strategic-merge patch into an object: maps field by field, the lists of
     * {@link #MERGE_KEYS} element by element, other values replaced.
     */
    @SuppressWarnings("unchecked")
    private static void mergeStrategically(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> field : patch.entrySet()) {
            String key = field.getKey();
            Object patchValue = field.getValue();
            Object current = target.get(key);
            if (patchValue instanceof Map && current instanceof Map) {
                mergeStrategically((Map<String, Object>) current, (Map<String, Object>) patchValue);
            } else if (patchValue instanceof List && MERGE_KEYS.containsKey(key)) {
                List<Object> currentList = current instanceof List ? (List<Object>) current : List.of();
                target.put(key, mergeByKey(currentList, (List<Object>) patchValue, key, MERGE_KEYS.get(key)));
            } else if (patchValue instanceof List && ((List<?>) patchValue).stream().anyMatch(Map.class::isInstance)) {
                throw new KustomizeException("patching the list " + key + " is not supported: how kustomize merges it depends on its schema");
            } else {
                target.put(key, patchValue);
            }
        }
    }

    /**
     * kustomize's order: the patch's elements first, in the patch's order (each merged into the
     * element with the same key, if any), then the elements the patch does not name.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> mergeByKey(List<Object> current, List<Object> patch, String field, String mergeKey) {
        List<Object> unpatched = new ArrayList<>(current);
        List<Object> merged = new ArrayList<>();
        for (Object element : patch) {
            if (!(element instanceof Map) || ((Map<?, ?>) element).get(mergeKey) == null) {
                throw new KustomizeException("every element of " + field + " in a patch needs its " + mergeKey);
            }
            Map<String, Object> patchElement = (Map<String, Object>) element;
            Object key = patchElement.get(mergeKey);
            Map<String, Object> match = unpatched.stream()
                    .map(existing -> (Map<String, Object>) existing)
                    .filter(existing -> key.equals(existing.get(mergeKey)))
                    .findFirst()
                    .orElse(null);
            if (match == null) {
                merged.add(patchElement);
            } else {
                unpatched.remove(match);
                mergeStrategically(match, patchElement);
                merged.add(match);
            }
        }
        merged.addAll(unpatched);
        return merged;
    }

    // namespace, labels, images

    private static void setNamespace(String namespace, List<Map<String, Object>> objects) {
        for (Map<String, Object> object : objects) {
            if (object.get("kind").equals("Namespace")) {
                // kustomize renames Namespace objects to the kustomization's namespace
                metadata(object).put("name", namespace);
            } else {
                metadata(object).put("namespace", namespace);
            }
        }
    }

    private static void addLabels(Map<String, Object> labels, List<Map<String, Object>> objects, Path file) {
        onlyFields(labels, Set.of("pairs", "includeSelectors", "includeTemplates"), "labels entry", file);
        if (Boolean.TRUE.equals(labels.get("includeSelectors"))) {
            // selectors are written out in the manifests; kustomize would add to a long list of selector fields
            throw new KustomizeException(file + ": labels with includeSelectors are not supported");
        }
        Map<String, Object> pairs = map(labels, "pairs", file);
        for (Map<String, Object> object : objects) {
            mapAt(object, "metadata", "labels").putAll(pairs);
            // the pod templates of the kinds this renders: Deployments'
            if (Boolean.TRUE.equals(labels.get("includeTemplates")) && object.get("kind").equals("Deployment")) {
                mapAt(object, "spec", "template", "metadata", "labels").putAll(pairs);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void setImage(Map<String, Object> image, List<Map<String, Object>> objects, Path file) {
        onlyFields(image, Set.of("name", "newName", "newTag", "digest"), "images entry", file);
        String name = string(image, "name", file);
        if (image.containsKey("newTag") && image.containsKey("digest")) {
            throw new KustomizeException(file + ": image " + name + ": newTag and digest together are not supported");
        }
        for (Map<String, Object> object : objects) {
            if (!object.get("kind").equals("Deployment")) {
                continue;
            }
            Map<String, Object> podSpec = mapAt(object, "spec", "template", "spec");
            for (String containers : List.of("containers", "initContainers")) {
                for (Object container : (List<Object>) podSpec.getOrDefault(containers, List.of())) {
                    Map<String, Object> fields = (Map<String, Object>) container;
                    String reference = (String) fields.get("image");
                    if (reference != null && imageName(reference).equals(name)) {
                        fields.put("image", rewrite(reference, image, file));
                    }
                }
            }
        }
    }

    /** The image's name without its tag or digest: what an images entry's name matches. */
    private static String imageName(String reference) {
        int digest = reference.indexOf('@');
        String withoutDigest = digest < 0 ? reference : reference.substring(0, digest);
        int tag = withoutDigest.lastIndexOf(':');
        return tag > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, tag) : withoutDigest;
    }

    private static String rewrite(String reference, Map<String, Object> image, Path file) {
        String name = image.containsKey("newName") ? string(image, "newName", file) : imageName(reference);
        if (image.containsKey("digest")) {
            return name + "@" + string(image, "digest", file);
        }
        if (image.containsKey("newTag")) {
            return name + ":" + string(image, "newTag", file);
        }
        return name + reference.substring(imageName(reference).length());
    }

    // reading and typed access: a wrong type fails, naming the file

    private static List<Map<String, Object>> readDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> iterator = YAML.readValues(file.toFile())) {
            while (iterator.hasNextValue()) {
                Map<String, Object> document = iterator.nextValue();
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return documents;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void onlyFields(Map<String, Object> map, Set<String> supported, String what, Path file) {
        Set<String> unsupported = new TreeSet<>(map.keySet());
        unsupported.removeAll(supported);
        if (!unsupported.isEmpty()) {
            throw new KustomizeException(file + ": " + what + ": fields this renderer does not support: " + unsupported);
        }
    }

    private static void expectIfPresent(Map<String, Object> map, String field, String expected, Path file) {
        if (map.containsKey(field) && !expected.equals(map.get(field))) {
            throw new KustomizeException(file + ": " + field + " must be " + expected);
        }
    }

    private static String string(Map<String, Object> map, String field, Path file) {
        if (!(map.get(field) instanceof String)) {
            throw new KustomizeException(file + ": " + field + " must be a string");
        }
        return (String) map.get(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> map, String field, Path file) {
        if (!(map.get(field) instanceof Map)) {
            throw new KustomizeException(file + ": " + field + " must be a map");
        }
        return (Map<String, Object>) map.get(field);
    }

    private static List<String> strings(Map<String, Object> map, String field, Path file) {
        return list(map, field, String.class, file);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objectList(Map<String, Object> map, String field, Path file) {
        return (List<Map<String, Object>>) (List<?>) list(map, field, Map.class, file);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Map<String, Object> map, String field, Class<T> elementType, Path file) {
        Object value = map.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List) || !((List<?>) value).stream().allMatch(elementType::isInstance)) {
            throw new KustomizeException(file + ": " + field + " must be a list of " + elementType.getSimpleName());
        }
        return (List<T>) value;
    }

    private static Map<String, Object> metadata(Map<String, Object> object) {
        return mapAt(object, "metadata");
    }

    /** The map at this path, made where missing (as kustomize's transformers make labels). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Map<String, Object> object, String... path) {
        Map<String, Object> map = object;
        for (String field : path) {
            Object value = map.computeIfAbsent(field, absent -> new LinkedHashMap<String, Object>());
            if (!(value instanceof Map)) {
                throw new KustomizeException(object.get("kind") + " " + String.join(".", path) + ": " + field + " must be a map");
            }
            map = (Map<String, Object>) value;
        }
        return map;
    }

    /** What kustomize would render differently from this renderer, or refuse. */
    static final class KustomizeException extends RuntimeException {
        KustomizeException(String message) {
            super(message);
        }
    }
}
