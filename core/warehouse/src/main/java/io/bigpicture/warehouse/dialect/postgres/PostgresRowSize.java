package io.bigpicture.warehouse.dialect.postgres;

import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.RowSize;

/**
 * PostgreSQL's heap tuple: at most 8 160 bytes (a page less its header and one line pointer),
 * of which the tuple header with a null bitmap for 1 600 columns takes 224. Fixed-width values
 * take 8 bytes (a boolean 1) and may be preceded by up to 7 bytes of padding to align them,
 * which only a value of unaligned width can cause; text over 23 bytes may be moved out of
 * the row (TOAST), leaving an 18-byte pointer, and is counted as 24. The count is an upper
 * bound whatever the table's column order, so a row it passes always fits.
 */
final class PostgresRowSize implements RowSize {

    @Override
    public Budget newRow() {
        return new TupleBudget();
    }

    private static final class TupleBudget implements Budget {
        private static final int MAX_ROW = 8160 - 224;
        private int bytes;
        private int aligned;
        private int unaligned;

        @Override
        public boolean take(ColumnType type, String text) {
            boolean isAligned = type != ColumnType.BOOLEAN && type != ColumnType.VARCHAR && type != ColumnType.JSON;
            int size = switch (type) {
                case BOOLEAN -> 1;
                case VARCHAR, JSON -> textSize(text);
                default -> 8;
            };
            int padding = 7 * Math.min(aligned + (isAligned ? 1 : 0), unaligned + (isAligned ? 0 : 1));
            if (bytes + size + padding > MAX_ROW) {
                return false;
            }
            bytes += size;
            if (isAligned) {
                aligned++;
            } else {
                unaligned++;
            }
            return true;
        }

        /** A short text's one-byte header and its UTF-8 bytes, or what a longer one can be cut down to. */
        private static int textSize(String text) {
            if (text.length() > 23) {
                return 24;
            }
            int bytes = 1;
            for (int i = 0; i < text.length() && bytes < 24; i++) {
                char c = text.charAt(i);
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 2 : 3;
            }
            return Math.min(bytes, 24);
        }
    }
}
