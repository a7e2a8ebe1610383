package io.bigpicture.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigpicture.k8s.Kustomize.KustomizeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer against what kubectl kustomize (kustomize v5.5) rendered for the same files. */
class KustomizeTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              selector:
                matchLabels: {app: app}
              template:
                metadata:
                  labels: {app: app}
                spec:
                  containers:
                    - name: app
                      image: ghcr.io/example/app:0.1.0
                      env:
                        - {name: X, value: x}
                        - {name: A, value: "1"}
                        - {name: Y, value: y}
                    - name: side
                      image: busybox
            """;

    @TempDir
    Path directory;

    @Test
    void aPatchMergesContainersAndTheirEnvironmentByName() throws IOException {
        write("base/kustomization.yaml", "resources: [app.yaml]\n");
        write("base/app.yaml", DEPLOYMENT);
        write("overlay/kustomization.yaml", """
                resources: [../base]
                patches:
                  - path: patch.yaml
                """);
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - {name: B, value: "2"}
                            - {name: A, value: "3"}
                        - name: new
                          image: new:1
                """);

        Map<String, Object> deployment = single(Kustomize.build(directory.resolve("overlay")));

        // kustomize puts the patch's elements first, in its order, then the ones it does not name
        assertThat(at(deployment, "spec", "template", "spec", "containers")).isEqualTo(List.of(
                Map.of("name", "app", "image", "ghcr.io/example/app:0.1.0", "env", List.of(
                        Map.of("name", "B", "value", "2"),
                        Map.of("name", "A", "value", "3"),
                        Map.of("name", "X", "value", "x"),
                        Map.of("name", "Y", "value", "y"))),
                Map.of("name", "new", "image", "new:1"),
                Map.of("name", "side", "image", "busybox")));
    }

    @Test
    void aConfigMapGeneratorReadsEnvFilesAndLiteralsAndMergesIntoTheBase() throws IOException {
        write("base/kustomization.yaml", """
                configMapGenerator:
                  - name: app-config
                    envs: [app.env]
                    options:
                      disableNameSuffixHash: true
                """);
        write("base/app.env", """
                # a comment

                  INDENTED=x
                SPACES=-Da=b -Dc=d \s
                EMPTY=
                QUOTED="q v"
                EQUALS=a=b
                """);
        write("overlay/kustomization.yaml", """
                resources: [../base]
                configMapGenerator:
                  - name: app-config
                    behavior: merge
                    literals:
                      - EMPTY=set
                      - DOUBLE="quoted"
                      - SINGLE='quoted'
                    options:
                      disableNameSuffixHash: true
                """);

        Map<String, Object> configMap = single(Kustomize.build(directory.resolve("overlay")));

        assertThat(configMap).containsEntry("apiVersion", "v1").containsEntry("kind", "ConfigMap");
        assertThat(at(configMap, "metadata")).isEqualTo(Map.of("name", "app-config"));
        // env files keep quotes and trailing blanks; literals lose one pair of quotes
        assertThat(at(configMap, "data")).isEqualTo(Map.of(
                "INDENTED", "x",
                "SPACES", "-Da=b -Dc=d  ",
                "EMPTY", "set",
                "QUOTED", "\"q v\"",
                "EQUALS", "a=b",
                "DOUBLE", "quoted",
                "SINGLE", "quoted"));
    }

    @Test
    void namespaceLabelsAndImagesReachWhatKustomizeChanges() throws IOException {
        write("kustomization.yaml", """
                namespace: target
                resources: [namespace.yaml, app.yaml]
                labels:
                  - pairs: {part-of: example}
                    includeTemplates: true
                images:
                  - name: ghcr.io/example/app
                    newTag: 0.2.0
                  - name: busybox
                    digest: sha256:abc
                """);
        write("namespace.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: other
                """);
        write("app.yaml", DEPLOYMENT);

        List<Map<String, Object>> objects = Kustomize.build(directory);

        // kustomize renames a Namespace object to the kustomization's namespace
        assertThat(at(objects.get(0), "metadata")).isEqualTo(Map.of("name", "target", "labels", Map.of("part-of", "example")));
        Map<String, Object> deployment = objects.get(1);
        assertThat(at(deployment, "metadata")).isEqualTo(Map.of("name", "app", "namespace", "target", "labels", Map.of("part-of", "example")));
        assertThat(at(deployment, "spec", "selector")).as("selectors untouched").isEqualTo(Map.of("matchLabels", Map.of("app", "app")));
        assertThat(at(deployment, "spec", "template", "metadata", "labels")).isEqualTo(Map.of("app", "app", "part-of", "example"));
        assertThat((List<?>) at(deployment, "spec", "template", "spec", "containers"))
                .extracting(container -> (Object) ((Map<?, ?>) container).get("image"))
                .containsExactly("ghcr.io/example/app:0.2.0", "busybox@sha256:abc");
    }

    @Test
    void aFieldTheRendererDoesNotKnowFails() throws IOException {
        write("kustomization.yaml", """
                resources: [app.yaml]
                commonLabels: {team: data}
                """);
        write("app.yaml", DEPLOYMENT);

        assertThatThrownBy(() -> Kustomize.build(directory))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("commonLabels");
    }

    @Test
    void aPatchOfAListWithoutAKnownMergeKeyFails() throws IOException {
        write("kustomization.yaml", """
                resources: [service.yaml]
                patches:
                  - path: patch.yaml
                """);
        write("service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: app
                spec:
                  ports:
                    - {name: http, port: 80}
                """);
        write("patch.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: app
                spec:
                  ports:
                    - {name: http, port: 8080}
                """);

        assertThatThrownBy(() -> Kustomize.build(directory))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("ports");
    }

    @Test
    void aGeneratedNameWithAContentHashFails() throws IOException {
        write("kustomization.yaml", """
                configMapGenerator:
                  - name: app-config
                    literals: [A=1]
                """);

        assertThatThrownBy(() -> Kustomize.build(directory))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("disableNameSuffixHash");
    }

    @Test
    void aPatchThatMatchesNothingFails() throws IOException {
        write("kustomization.yaml", """
                resources: [app.yaml]
                patches:
                  - path: patch.yaml
                """);
        write("app.yaml", DEPLOYMENT);
        write("patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: other
                spec:
                  replicas: 2
                """);

        assertThatThrownBy(() -> Kustomize.build(directory))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("matches 0 objects");
    }

    private void write(String path, String content) throws IOException {
        Path file = directory.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static Map<String, Object> single(List<Map<String, Object>> objects) {
        assertThat(objects).hasSize(1);
        return objects.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> object, String... path) {
        Object value = object;
        for (String field : path) {
            value = ((Map<String, Object>) value).get(field);
        }
        return value;
    }
}
