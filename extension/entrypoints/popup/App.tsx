export function App() {
  return <main>Hourline</main>;
}
