// name: schema/article_published_index
// Order articles by date: a range index on Article.published_at.
// params: none
// returns: nothing
CREATE INDEX article_published_at IF NOT EXISTS
FOR (a:Article)
ON (a.published_at)
