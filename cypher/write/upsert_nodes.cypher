// name: write/upsert_nodes
// Create or update entity nodes of one label (run for every label but Article): name set, aliases unioned and sorted (a former name stays an alias), non-empty properties set.
// params: rows (list: {id, name, aliases, props})
// returns: id, eid
UNWIND $rows AS row
MERGE (n:{{label}} {id: row.id})
WITH n, row, CASE WHEN n.name IS NULL OR n.name = row.name THEN [] ELSE [n.name] END AS former
WITH n, row, COLLECT {
    UNWIND coalesce(n.aliases, []) + row.aliases + former AS alias
    WITH DISTINCT alias
    WHERE alias <> row.name
    RETURN alias
    ORDER BY alias
  } AS aliases
SET n += row.props,
    n.name = row.name,
    n.aliases = aliases
RETURN row.id AS id, elementId(n) AS eid
