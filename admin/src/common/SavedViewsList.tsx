import Bookmark from '@mui/icons-material/BookmarkBorder';
import Help from '@mui/icons-material/HelpOutline';
import IconButton from '@mui/material/IconButton';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Tooltip from '@mui/material/Tooltip';
import Cancel from '@mui/icons-material/CancelOutlined';
import {
  AddSavedQueryIconButton,
  extractValidSavedQueries,
  FilterList,
  RemoveSavedQueryIconButton,
  useListContext,
  useSavedQueries,
  useTranslate,
  type SavedQuery,
} from 'react-admin';

/** Same content whatever the order of keys (filters come back from the URL reordered). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The views each person saved for this list, read from react-admin's Store like its
 * `SavedQueriesList` (same storage, same dialogs), with one difference: picking a view
 * restores its sort and page size as well as its filters — react-admin's sidebar item
 * reapplies the filters only.
 */
export function SavedViewsList() {
  const translate = useTranslate();
  const { resource, filterValues, displayedFilters, sort, perPage, setFilters, setSort, setPerPage } = useListContext();
  const [savedQueries] = useSavedQueries(resource);
  const views = extractValidSavedQueries(savedQueries);
  const current = canonical({ filter: filterValues, sort, perPage, displayedFilters });
  const isCurrent = (view: SavedQuery) => canonical(view.value) === current;
  const currentIsSaved = views.some(isCurrent);
  const hasFilters = Object.keys(filterValues).length > 0;

  // Several setters in one tick make one request (react-admin batches list params).
  const apply = (view: SavedQuery) => {
    if (view.value.sort) setSort(view.value.sort);
    if (view.value.perPage) setPerPage(view.value.perPage);
    setFilters(view.value.filter ?? {}, view.value.displayedFilters);
  };
  const clear = () => setFilters({}, {});

  const corner = { position: 'absolute', top: '-1.8em', right: 0 } as const;
  return (
    <FilterList label="ra.saved_queries.label" icon={<Bookmark />}>
      {currentIsSaved ? (
        <RemoveSavedQueryIconButton sx={corner} />
      ) : hasFilters ? (
        <AddSavedQueryIconButton sx={corner} />
      ) : (
        <Tooltip title={translate('ra.saved_queries.help')}>
          <Help sx={{ ...corner, top: '-1.2em', right: 3, color: 'action.disabled' }} />
        </Tooltip>
      )}
      {views.map((view, index) => {
        const selected = isCurrent(view);
        return (
          <ListItem
            key={index}
            disablePadding
            secondaryAction={
              selected ? (
                <IconButton size="small" onClick={clear} aria-label={translate('ra.action.remove_all_filters')}>
                  <Cancel />
                </IconButton>
              ) : null
            }
          >
            <ListItemButton selected={selected} onClick={() => (selected ? clear() : apply(view))} sx={{ pl: 4, pr: 4 }}>
              <ListItemText primary={view.label} sx={{ m: 0 }} />
            </ListItemButton>
          </ListItem>
        );
      })}
    </FilterList>
  );
}
