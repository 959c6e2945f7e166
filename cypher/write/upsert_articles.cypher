// name: write/upsert_articles
// Create or replace Article nodes: an article's node is what its current version says, nothing older (sha256 is set last, by write/mark_articles_written).
// params: rows (list: {id, props} with props holding name, aliases and the metadata)
// returns: id, eid
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a = row.props,
    a.id = row.id
RETURN row.id AS id, elementId(a) AS eid
