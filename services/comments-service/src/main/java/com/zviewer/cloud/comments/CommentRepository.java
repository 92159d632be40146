package com.zviewer.cloud.comments;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface CommentRepository extends JpaRepository<Comment, Long> {

	Page<Comment> findByMediaId(long mediaId, Pageable pageable);

}
