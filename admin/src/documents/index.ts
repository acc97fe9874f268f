import DescriptionIcon from '@mui/icons-material/Description';
import { DocumentList } from './DocumentList';

export default {
  list: DocumentList,
  icon: DescriptionIcon,
};
