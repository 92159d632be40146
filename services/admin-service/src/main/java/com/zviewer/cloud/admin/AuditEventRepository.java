package com.zviewer.cloud.admin;

import org.springframework.data.repository.PagingAndSortingRepository;

/** Append and read only: the audit log offers no update or delete. */
interface AuditEventRepository extends PagingAndSortingRepository<AuditEvent, Long> {

	AuditEvent save(AuditEvent event);

}
