package eu.aiact.tracker.command.inventory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads the first sheet of an XLSX workbook (as spreadsheets keep an inventory) into the same records as {@link CsvReader}: each row with
 * its spreadsheet row number (the first row is 1), its cells as text. Dates become ISO dates, whole numbers lose their ".0", booleans read
 * true/false, formulas give their cached value; empty rows are skipped. Zip bombs are refused by POI's inflation ratio check.
 */
final class XlsxReader {

    private XlsxReader() {
    }

    static List<CsvReader.Record> read(byte[] workbook) {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            if (book.getNumberOfSheets() == 0) {
                return List.of();
            }
            Sheet sheet = book.getSheetAt(0);
            List<CsvReader.Record> records = new ArrayList<>();
            for (Row row : sheet) {
                List<String> fields = new ArrayList<>();
                int last = row.getLastCellNum();
                for (int c = 0; c < Math.max(last, 0); c++) {
                    fields.add(text(row.getCell(c)));
                }
                // empty cells at the end of a row are no fields (a sheet keeps formatted but empty cells)
                while (!fields.isEmpty() && fields.get(fields.size() - 1).isBlank()) {
                    fields.remove(fields.size() - 1);
                }
                if (fields.isEmpty()) {
                    continue;
                }
                records.add(new CsvReader.Record(row.getRowNum() + 1, fields));
            }
            return records;
        } catch (IOException | RuntimeException e) {
            throw new CsvReader.MalformedCsvException(1, "not a readable XLSX workbook (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime value = cell.getLocalDateTimeCellValue();
                    yield value.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? value.toLocalDate().toString() : value.toString();
                }
                yield BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            }
            default -> "";
        };
    }
}
