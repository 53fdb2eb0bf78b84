use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A simulator's HTTP server running on its own task. Dropping it asks the server to stop;
/// [`Server::stop`] also waits until it has.
pub struct Server {
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    pub fn spawn(listener: TcpListener, app: Router, name: &'static str) -> Server {
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = rx.await;
            });
            if let Err(e) = served.await {
                tracing::error!("{name} stopped: {e}");
            }
        });
        Server {
            shutdown: Some(tx),
            task: Some(task),
        }
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
