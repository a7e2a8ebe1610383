package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class CsvRecordsTest {

    @Property
    void whatTheWriterWroteReadsBackRecordByRecord(@ForAll @Size(min = 1, max = 20) List<@Size(min = 1, max = 5) List<String>> lines)
            throws Exception {
        List<List<String>> written = new ArrayList<>();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (CsvWriter writer = new CsvWriter(file)) {
            for (List<String> line : lines) {
                List<String> loadable = line.stream().map(value -> value == null ? null : Utf8.loadable(value)).toList();
                writer.writeLine(loadable);
                written.add(loadable);
            }
        }

        CsvRecords records = new CsvRecords(new ByteArrayInputStream(file.toByteArray()));
        List<List<String>> read = new ArrayList<>();
        for (byte[] record = records.next(); record != null; record = records.next()) {
            read.add(CsvRecords.fields(record));
        }
        assertThat(read).isEqualTo(written);
    }
}
