package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarehouseSetupTest {

    @Test
    void theAdminsStatementsNameTheUserDatabaseSchemasAndTablesEachQuoted() {
        List<String> statements = WarehouseSetup.statements("analytics", "bigpicture",
                List.of(new WarehouseSetup.ExistingSchema("web_shop", List.of("order", "tracks")), new WarehouseSetup.ExistingSchema("app", List.of())));

        assertThat(statements).containsExactly(
                "CREATE USER \"bigpicture\" PASSWORD '<choose a password>';",
                "GRANT CREATE ON DATABASE \"analytics\" TO \"bigpicture\";",
                "GRANT USAGE, CREATE ON SCHEMA \"web_shop\" TO \"bigpicture\";",
                "ALTER DEFAULT PRIVILEGES IN SCHEMA \"web_shop\" GRANT ALL ON TABLES TO \"bigpicture\";",
                "ALTER TABLE \"web_shop\".\"order\" OWNER TO \"bigpicture\";",
                "ALTER TABLE \"web_shop\".\"tracks\" OWNER TO \"bigpicture\";",
                "GRANT USAGE, CREATE ON SCHEMA \"app\" TO \"bigpicture\";",
                "ALTER DEFAULT PRIVILEGES IN SCHEMA \"app\" GRANT ALL ON TABLES TO \"bigpicture\";");
    }

    @Test
    void aQuoteInANameIsDoubled() {
        assertThat(WarehouseSetup.takeOwnership("we\"ird", "t", "u")).isEqualTo("ALTER TABLE \"we\"\"ird\".\"t\" OWNER TO \"u\";");
        assertThat(WarehouseSetup.unrestrictedSystemLog("lo\"ader")).isEqualTo("ALTER USER \"lo\"\"ader\" SYSLOG ACCESS UNRESTRICTED;");
    }

    @Test
    void theConnectionChecksTestTableIsQuotedInTheCheckSchema() {
        assertThat(WarehouseSetup.tableRoundTrip("check_1")).containsExactly(
                "CREATE TABLE \"bigpicture_check\".\"check_1\" (id VARCHAR(64))",
                "ALTER TABLE \"bigpicture_check\".\"check_1\" ADD COLUMN note VARCHAR(64)",
                "DROP TABLE \"bigpicture_check\".\"check_1\"");
    }

    @Test
    void theCopyChecksTestTableHasTheTestFilesColumnsQuotedInTheCheckSchema() {
        assertThat(WarehouseSetup.createCopyCheckTable("copy_1"))
                .isEqualTo("CREATE TABLE \"bigpicture_check\".\"copy_1\" (\"id\" VARCHAR(64), \"note\" VARCHAR(256))");
        assertThat(WarehouseSetup.dropCheckTable("copy\"1")).isEqualTo("DROP TABLE IF EXISTS \"bigpicture_check\".\"copy\"\"1\"");
        assertThat(WarehouseSetup.COPY_CHECK_LINES).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("\"check-").doesNotContain("\n"));
    }
}
