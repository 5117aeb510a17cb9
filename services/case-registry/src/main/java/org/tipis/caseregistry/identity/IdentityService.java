package org.tipis.caseregistry.identity;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.caseregistry.audit.AccessLog;
import org.tipis.caseregistry.caserecord.CaseRecordService;
import org.tipis.caseregistry.caserecord.Victim;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

/** The identity vault: every read names its purpose and is logged; every write is an Envers revision. */
@Service
public class IdentityService {

    private final VictimIdentityRepository identities;
    private final CaseRecordService cases;
    private final IdentityCipher cipher;
    private final AccessLog accessLog;
    private final Clock clock;

    IdentityService(VictimIdentityRepository identities, CaseRecordService cases, IdentityCipher cipher,
                    AccessLog accessLog, Clock clock) {
        this.identities = identities;
        this.cases = cases;
        this.cipher = cipher;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    public record Identity(IdentityDetails details, long version) {
    }

    @Transactional
    public Identity read(Caller caller, UUID victimId, String purpose) {
        if (purpose == null || purpose.isBlank() || purpose.length() > 500) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "State the purpose of reading an identity.",
                    List.of(new FieldError("/query/purpose", "PurposeRequired",
                            "Give the purpose (at most 500 characters); it is logged.")));
        }
        Victim victim = cases.victimForIdentity(caller, victimId, "READ_IDENTITY");
        VictimIdentity identity = identities.findById(victim.id())
                .orElseThrow(() -> ProblemException.notFound("No identity is recorded for this victim."));
        accessLog.allowed(caller, "READ_IDENTITY", "victim", victimId, purpose.strip());
        return new Identity(identity.open(cipher), identity.version());
    }

    @Transactional
    public Identity write(Caller caller, UUID victimId, IdentityDetails details, Long expectedVersion) {
        Victim victim = cases.victimForIdentity(caller, victimId, "WRITE_IDENTITY");
        VictimIdentity identity = identities.findById(victim.id()).orElse(null);
        if (identity != null && expectedVersion != null && identity.version() != expectedVersion) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The identity was changed since you read it.");
        }
        if (identity == null) {
            identity = new VictimIdentity(victim.id());
        }
        identity.seal(details, cipher, clock.instant());
        identity = identities.saveAndFlush(identity);
        accessLog.allowed(caller, "WRITE_IDENTITY", "victim", victimId, null);
        return new Identity(details, identity.version());
    }
}
