// name: schema/place_level_index
// Group places by administrative level (diffusion by level): a range index on Place.level.
// params: none
// returns: nothing
CREATE INDEX place_level IF NOT EXISTS
FOR (p:Place)
ON (p.level)
