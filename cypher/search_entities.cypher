// name: search_entities
// Find entities by (part of) a name or alias, ranked by the full-text index (CJK bigrams, so 台州 finds 台州市).
// params: text (str: the words to look for), limit (int = 10: how many hits)
// returns: id, label, name, aliases, score
// example: {"text": "台州"}
WITH reduce(
       escaped = $text,
       special IN ['\\', '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '/'] |
       replace(escaped, special, '\\' + special)
     ) AS query
CALL db.index.fulltext.queryNodes('entity_names', query) YIELD node, score
RETURN node.id AS id,
       head(labels(node)) AS label,
       node.name AS name,
       node.aliases AS aliases,
       score
ORDER BY score DESC, name, id
LIMIT $limit
