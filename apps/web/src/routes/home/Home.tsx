import { Navigate } from 'react-router';
import { useViewer } from '../../auth/viewer';
import { homeOf } from '../nav';

/** `/`: the home screen of the signed-in user's role. */
export default function Home() {
  const { me } = useViewer();
  return <Navigate to={homeOf(me.role, me.squad?.legion.kind)} replace />;
}
