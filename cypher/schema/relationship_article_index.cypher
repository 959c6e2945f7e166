// name: schema/relationship_article_index
// Find an article's relationships to replace them: a range index on `article_id`, run for every relationship type.
// params: none
// returns: nothing
CREATE INDEX {{type}}_article_id IF NOT EXISTS
FOR ()-[r:{{type}}]-()
ON (r.article_id)
