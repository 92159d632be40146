package com.zviewer.cloud.auth.albums;

import org.springframework.data.repository.ListCrudRepository;

interface AlbumRepository extends ListCrudRepository<Album, Long> {

}
