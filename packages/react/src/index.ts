// @sx/react: React hooks over @sx/sdk, shared by the web and the mobile app. See ../README.md.
export { SxProvider } from './provider.js';
export { useSession, useSx, useViewer } from './context.js';
export type { Session, Viewer } from './session-state.js';
export { useQuery, type QueryArgs, type QueryOptions, type QueryState } from './use-query.js';
export { useMutation, type Mutate, type MutationOptions, type MutationState } from './use-mutation.js';
export { useSubscription, type SubscriptionOptions, type SubscriptionState } from './use-subscription.js';
// The marketplace's live views, built on the three hooks above.
export { taskView, newerTask, type TaskView } from './marketplace/task-view.js';
export { useLiveTask, type LiveTask } from './marketplace/use-live-task.js';
export { useTaskBids, BIDS_PAGE_SIZE, type Bid, type TaskBids } from './marketplace/use-task-bids.js';
export { PaymentFeedProvider, usePaymentEvents, type PaymentEvent } from './marketplace/payment-feed.js';
export { useWallets, type WalletSummary, type WalletsState } from './marketplace/use-wallets.js';
export {
  NOTIFICATIONS_PAGE_SIZE,
  useNotificationFeed,
  useUnreadNotifications,
  type NotificationFeed,
  type NotificationItem,
  type UnreadNotifications,
} from './marketplace/use-notifications.js';
export { useTaskPayment, type Payment } from './marketplace/use-task-payment.js';
export { useTaskPhotos, type TaskPhoto, type TaskPhotos } from './marketplace/use-task-photos.js';
export { useTaskReviews, type Review, type TaskReviews } from './marketplace/use-task-reviews.js';
export { QUESTIONS_PAGE_SIZE, useTaskQuestions, type Question, type TaskQuestions } from './marketplace/use-task-questions.js';
// What the apps' forms do, without their look: parse what was typed, send, say what went wrong.
export { useAcceptBid, usePlaceBid, type BidListProps } from './marketplace/use-bid-actions.js';
export { TASK_CATEGORIES, useDeposit, usePostTask, type TaskDraft } from './marketplace/use-forms.js';
// Groups: households and teams sharing tasks, points and costs.
export { useGroupPage, useMyGroups, type ExpenseDraft, type ExpenseReceipt, type GroupExpense, type GroupPageData, type GroupSettlement, type GroupShare } from './marketplace/use-groups.js';
