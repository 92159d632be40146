package com.zviewer.cloud.auth.albums;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface AlbumRepository extends ListCrudRepository<Album, Long> {

	@Query("SELECT DISTINCT album_id FROM album_items WHERE media_id = :mediaId")
	List<Long> findIdsContaining(long mediaId);

}
