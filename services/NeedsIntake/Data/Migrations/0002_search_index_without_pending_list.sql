-- GIN indexes buffer new entries in a pending list (fastupdate) that every search reads in full until the list is
-- merged by (auto)vacuum. Under a steady stream of submissions that list is always there: the similar-need lookup each
-- submission answers with spent 12-57 ms reading it among 7,000 needs. Without it every insert pays a few index
-- descents and every lookup reads only the index.
ALTER INDEX needs_search SET (fastupdate = off);
ALTER INDEX needs_municipalities SET (fastupdate = off);
