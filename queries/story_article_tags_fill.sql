-- The topic tags the articles of each of $story_ids carry.
INSERT INTO story_article_tags (story_id, tag_id)
SELECT DISTINCT sa.story_id, atg.tag_id
FROM story_articles sa JOIN article_tags atg ON atg.article_id = sa.article_id
WHERE sa.story_id = ANY($story_ids)
