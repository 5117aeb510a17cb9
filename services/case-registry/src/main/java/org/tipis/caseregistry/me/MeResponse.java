package org.tipis.caseregistry.me;

import java.util.List;

import org.tipis.platform.caller.Caller;

/**
 * @param userId      the stable, pseudonymous id of the user (token subject)
 * @param country     ISO 3166-1 alpha-3, null for regional and platform accounts
 * @param institution the institution id in the directory, null where the account has none
 */
record MeResponse(String userId, String username, List<String> roles, String country, String institution) {

    static MeResponse of(Caller caller) {
        return new MeResponse(caller.userId(), caller.username(), caller.sortedRoles(),
                caller.country().orElse(null), caller.institution().orElse(null));
    }
}
