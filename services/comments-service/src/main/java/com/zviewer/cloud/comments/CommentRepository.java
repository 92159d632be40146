package com.zviewer.cloud.comments;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface CommentRepository extends ListCrudRepository<Comment, Long> {

	Page<Comment> findByMediaId(long mediaId, Pageable pageable);

	@Modifying
	@Query("DELETE FROM comments WHERE media_id = :mediaId")
	int deleteByMediaId(long mediaId);

}
