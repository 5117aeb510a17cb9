package org.tipis.platform.audit;

import org.hibernate.envers.RevisionListener;
import org.slf4j.MDC;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.caller.CurrentCaller;
import org.tipis.platform.requestid.RequestId;

/** Fills each revision from the authenticated caller, the request id and the current {@link AuditOrigin}. */
public class AuditRevisionListener implements RevisionListener {

    @Override
    public void newRevision(Object revisionEntity) {
        AuditRevision revision = (AuditRevision) revisionEntity;
        Caller caller = CurrentCaller.get().orElse(null);
        revision.attribute(
                caller == null ? null : caller.userId(),
                caller == null ? "system" : caller.username(),
                caller == null ? null : caller.institution().orElse(null),
                caller == null ? null : caller.country().orElse(null),
                MDC.get(RequestId.MDC_KEY),
                caller == null ? null : caller.client().orElse(null),
                AuditOrigin.current());
    }
}
