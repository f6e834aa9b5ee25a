-- A story's rows of story_figures, before refresh_story_figures writes them again.
DELETE FROM story_figures WHERE story_id = ANY($story_ids)
