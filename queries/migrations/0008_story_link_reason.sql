-- Why an article is in a story, in words (record._place, stories.move_article): the keywords it
-- shares and its score, or that its input or a person named the story. Links made before: NULL.
ALTER TABLE story_articles ADD COLUMN reason VARCHAR;
