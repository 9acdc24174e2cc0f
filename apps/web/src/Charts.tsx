// Statistics as charts (Chart.js on canvas, only the parts used are registered), each with its
// numbers in a table for screen readers and keyboard users.
import { useEffect, useRef } from 'preact/hooks';
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import type { Statistics } from './types';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Tooltip, Legend);

function ChartCanvas({ config, label }: { config: ChartConfiguration; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, { ...config, options: { ...config.options, animation: false, responsive: true, maintainAspectRatio: false } });
    return () => chart.destroy();
  }, [JSON.stringify(config.data)]);
  return <div class="chart"><canvas ref={canvas} role="img" aria-label={label} /></div>;
}

export function StatisticsCharts({ stats }: { stats: Statistics }) {
  const tools = Object.entries(stats.toolUsage).sort((a, b) => b[1] - a[1]);
  const outcomes: Array<[string, number]> = [['answered', stats.answeredCount], ['failed', stats.failedCount], ['pending', stats.pendingCount]];
  return (
    <div class="charts">
      <div>
        <h3>Tool calls</h3>
        {tools.length === 0 ? <p>No tool calls yet.</p> : (
          <ChartCanvas label={`Tool calls: ${tools.map(([t, n]) => `${t} ${n}`).join(', ')}`} config={{
            type: 'bar',
            data: { labels: tools.map(([t]) => t), datasets: [{ label: 'calls', data: tools.map(([, n]) => n), backgroundColor: '#3b6ea5' }] },
            options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
          }} />
        )}
      </div>
      <div>
        <h3>Questions</h3>
        {stats.queryCount === 0 ? <p>No questions yet.</p> : (
          <ChartCanvas label={`Questions: ${outcomes.map(([k, n]) => `${k} ${n}`).join(', ')}`} config={{
            type: 'doughnut',
            data: { labels: outcomes.map(([k]) => k), datasets: [{ data: outcomes.map(([, n]) => n), backgroundColor: ['#2e8b57', '#c0392b', '#d4a017'] }] },
          }} />
        )}
      </div>
      <table class="stats">
        <caption>Statistics at revision {stats.revision}</caption>
        <tbody>
          <tr><th scope="row">Questions</th><td>{stats.queryCount} ({stats.answeredCount} answered, {stats.failedCount} failed, {stats.pendingCount} pending)</td></tr>
          <tr><th scope="row">Materials</th><td>{stats.materialCount}</td></tr>
          <tr><th scope="row">Discoveries</th><td>{stats.discoveryCount}</td></tr>
          <tr><th scope="row">Checkpoints</th><td>{stats.checkpointCount}</td></tr>
          <tr><th scope="row">Tokens</th><td>{stats.tokens.totalTokens}</td></tr>
          <tr><th scope="row">Duration</th><td>{stats.durationMinutes} min</td></tr>
          {tools.map(([tool, n]) => <tr key={tool}><th scope="row">{tool}</th><td>{n} calls</td></tr>)}
        </tbody>
      </table>
    </div>
  );
}
