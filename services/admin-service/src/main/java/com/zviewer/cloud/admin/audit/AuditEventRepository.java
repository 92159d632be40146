package com.zviewer.cloud.admin.audit;

import org.springframework.data.repository.Repository;

/** Append only: the audit log offers no update or delete. Searches go through {@link AuditLog}. */
interface AuditEventRepository extends Repository<AuditEvent, Long> {

	AuditEvent save(AuditEvent event);

}
