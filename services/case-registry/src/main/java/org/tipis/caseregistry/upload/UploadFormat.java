package org.tipis.caseregistry.upload;

import java.util.Locale;
import java.util.Optional;

/** The file formats an upload may have, recognized by the request's content type (docs/upload-format.md). */
public enum UploadFormat {

    CSV("csv", "text/csv"),
    NDJSON("ndjson", "application/x-ndjson"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final String id;
    private final String contentType;

    UploadFormat(String id, String contentType) {
        this.id = id;
        this.contentType = contentType;
    }

    /** As stored with the upload and used in file names. */
    public String id() {
        return id;
    }

    public String contentType() {
        return contentType;
    }

    /** The format of a content type (parameters such as charset ignored); empty when it is not an upload format. */
    public static Optional<UploadFormat> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/csv", "application/csv", "text/plain" -> Optional.of(CSV);
            case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-seq" ->
                    Optional.of(NDJSON);
            case XLSX_TYPE -> Optional.of(XLSX);
            default -> Optional.empty();
        };
    }
}
