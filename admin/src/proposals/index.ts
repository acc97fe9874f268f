import SendIcon from '@mui/icons-material/Send';
import { ProposalList } from './ProposalList';

export default {
  list: ProposalList,
  icon: SendIcon,
};
