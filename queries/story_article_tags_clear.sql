-- A story's rows of story_article_tags, before refresh_story_summaries writes them again.
DELETE FROM story_article_tags WHERE story_id = ANY($story_ids)
