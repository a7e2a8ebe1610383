package io.bigpicture.aws;

import java.util.Map;
import software.amazon.awscdk.App;

/** One stack per stage in {@code cdk.json}: {@code cdk synth}, {@code cdk deploy bigpicture-production}. */
public final class BigpictureApp {

    private BigpictureApp() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        App app = new App();
        Map<String, Object> stages = (Map<String, Object>) app.getNode().tryGetContext("bigpicture:stages");
        if (stages == null || stages.isEmpty()) {
            throw new IllegalStateException("cdk.json has no context 'bigpicture:stages'");
        }
        stages.forEach((stage, settings) -> new BigpictureStack(app, StageSettings.fromContext(stage, (Map<String, Object>) settings)));
        app.synth();
    }
}
