-- Every topic tag with how many stories carry it (through their articles or directly).
WITH story_tag AS (
    SELECT story_id, tag_id FROM story_article_tags  -- kept on write (migration 0010)
    UNION
    SELECT story_id, tag_id FROM story_tags
)
SELECT t.norm, t.tag, count(DISTINCT st.story_id) AS stories
FROM tags t LEFT JOIN story_tag st ON st.tag_id = t.id
GROUP BY t.norm, t.tag
ORDER BY lower(t.tag)
