// name: write/mark_articles_written
// Record that these articles are completely written: their sha256 is set last, so an interrupted load is redone.
// params: rows (list: {id, sha256})
// returns: marked
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.sha256 = row.sha256
RETURN count(a) AS marked
