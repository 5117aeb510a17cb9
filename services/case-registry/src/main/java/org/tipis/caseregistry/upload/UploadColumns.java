package org.tipis.caseregistry.upload;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flat upload format: one row per victim (docs/upload-format.md). Coded columns accept the code or its label
 * in English, Spanish, French or Portuguese; multi-valued columns join codes with {@code |}.
 */
public final class UploadColumns {

    public static final List<String> ALL = List.of("case_ref", "victim_ref", "case_opened_on", "identification_date",
            "victim_status", "sex", "age_at_identification", "age_at_exploitation", "nationality",
            "exploitation_primary", "exploitation_other", "identifying_institution_kind", "complaint_channel",
            "flow_level", "origin_country", "destination_country");
    public static final Set<String> REQUIRED = Set.of("case_ref", "victim_ref", "identification_date", "victim_status",
            "sex");
    /** The code list of each coded column. */
    public static final Map<String, String> LISTS = Map.of("victim_status", "victim-status", "sex", "sex",
            "nationality", "country", "exploitation_primary", "exploitation-form", "exploitation_other",
            "exploitation-form", "identifying_institution_kind", "institution-kind", "complaint_channel",
            "complaint-channel", "flow_level", "flow-level", "origin_country", "country", "destination_country", "country");

    private UploadColumns() {
    }
}
