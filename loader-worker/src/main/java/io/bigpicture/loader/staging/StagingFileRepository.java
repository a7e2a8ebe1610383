package io.bigpicture.loader.staging;

import io.bigpicture.catalog.StagingFile;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class StagingFileRepository implements PanacheRepositoryBase<StagingFile, UUID> {
}
