/** A partner's weekly score (SCO), loaded lazily with recharts. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export default function ScoreHistoryChart({ data, labels }: { data: { day: string; score: number | null; real: number | null }[]; labels: { score: string; real: string } }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis domain={[0, 100]} />
        <Tooltip />
        <Legend />
        <Line type="monotone" dataKey="score" name={labels.score} stroke="#1976d2" dot={false} />
        <Line type="monotone" dataKey="real" name={labels.real} stroke="#9e9e9e" strokeDasharray="4 4" dot={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
