-- Videos get thumbnails too: video-thumbnailer makes them from a frame. While a video's thumbnail is PENDING, its
-- ticket lets the thumbnailer read the original and return the frame (see VideoFrames); it is cleared once done.
ALTER TABLE media_items ADD COLUMN thumbnail_ticket VARCHAR(64);

-- Videos uploaded before this had no way to a thumbnail: queue them.
UPDATE media_items SET thumbnail_status = 'PENDING', thumbnail_attempts = 0, thumbnail_claimed_until = NULL
WHERE media_type = 'VIDEO' AND thumbnail_status = 'UNSUPPORTED';
