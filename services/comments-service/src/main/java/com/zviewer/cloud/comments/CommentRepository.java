package com.zviewer.cloud.comments;

import org.springframework.data.repository.ListCrudRepository;

/**
 * Inserts and finds comments. Changes to stored comments are targeted updates ({@link CommentService}), listings and
 * counts are {@link CommentQueries}'.
 */
interface CommentRepository extends ListCrudRepository<Comment, Long> {

}
