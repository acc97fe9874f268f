import StarIcon from '@mui/icons-material/Star';
import { ReviewList } from './ReviewList';

export default {
  list: ReviewList,
  icon: StarIcon,
};
