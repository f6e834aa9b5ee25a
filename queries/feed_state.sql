SELECT url, etag, last_modified, story_slug FROM feeds WHERE url = $url
