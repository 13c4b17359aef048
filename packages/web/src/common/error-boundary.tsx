import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  readonly error: Error | null;
}

/** Shows what broke instead of a blank page when a page throws while rendering. */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A dashboard page failed', error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div role="alert" className="problem-box">
        <h1>This page failed</h1>
        <p>{this.state.error.message}</p>
        <p>Reload the page; if it fails again, the server's log may say more.</p>
      </div>
    );
  }
}
