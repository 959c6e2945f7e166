// name: schema/node_name_index
// Look entities up by canonical name: a range index on `name`, run for every label.
// params: none
// returns: nothing
CREATE INDEX {{label}}_name IF NOT EXISTS
FOR (n:{{label}})
ON (n.name)
