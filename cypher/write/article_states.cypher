// name: write/article_states
// Which of these articles are stored, and with which text (sha256)? Decides what a load skips.
// params: ids (list: article ids)
// returns: id, sha256
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.sha256 AS sha256
