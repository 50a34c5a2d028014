import { useGroupPage, useViewer, type GroupExpense, type GroupPageData } from '@sx/react';
import { formatMoney, type MoneyValue } from '@sx/sdk';
import { Text, View } from 'react-native';
import { AttachmentImage } from '../components/attachment-image';
import { Button, Heading, Muted } from '../components/ui';
import { styles } from '../components/theme';
import { ExpenseForm } from './expense-form';

type Page = ReturnType<typeof useGroupPage>;

/** A group's shared costs: the expenses with their receipts and shares, who owes whom, settling up. */
export function GroupMoney({ group, page }: { group: GroupPageData; page: Page }) {
  return (
    <>
      <Heading level={2}>Expenses</Heading>
      {group.expenses.edges.length === 0 ? <Muted>No expenses yet.</Muted> : null}
      <View role="list" aria-label="Expenses" style={{ gap: 8 }}>
        {group.expenses.edges.map(({ node: e }) => (
          <ExpenseItem key={e.id} expense={e} page={page} ownsGroup={group.myRole === 'OWNER'} />
        ))}
      </View>
      <ExpenseForm group={group} page={page} />
      <Balances group={group} />
      <SettleUp group={group} page={page} />
    </>
  );
}

/**
 * One expense: its receipt (a photo, by its signed URL; the payer or the owner may remove it) and
 * each debtor's share. The debtor pays theirs in the app (sendMoney linked to the share); the
 * payer can say it was paid outside it.
 */
function ExpenseItem({ expense: e, page, ownsGroup }: { expense: GroupExpense; page: Page; ownsGroup: boolean }) {
  const viewer = useViewer();
  // The files service lets the payer and the group's owner remove a receipt.
  const mayRemoveReceipt = e.receipt !== null && (e.payer.id === viewer.id || ownsGroup);
  return (
    <View role="listitem" style={styles.card}>
      <Text style={styles.text}>
        {e.description}: {formatMoney(e.amount)} paid by {e.payer.name}
      </Text>
      {e.receipt?.contentType.startsWith('image/') ? <AttachmentImage src={e.receipt.src} label={`Receipt for ${e.description}`} size={96} /> : null}
      {e.receipt?.contentType === 'application/pdf' ? <Muted>Receipt: a PDF (open it in the web app)</Muted> : null}
      {mayRemoveReceipt ? <Button secondary title="Remove receipt" label={`Remove the receipt for ${e.description}`} onPress={() => void page.removeReceipt(e.id)} /> : null}
      <View role="list" aria-label={`Shares of ${e.description}`} style={{ gap: 4 }}>
        {e.shares
          .filter((s) => s.user.id !== e.payer.id)
          .map((s) => (
            <View role="listitem" key={s.id} style={{ gap: 4 }}>
              <Text style={styles.text}>
                {s.user.name} owes {formatMoney(s.amount)}: {s.paid ? `paid (${s.paidBy === 'IN_APP' ? 'in the app' : 'outside the app'})` : 'open'}
              </Text>
              {!s.paid && s.user.id === viewer.id ? <Button title={`Pay ${formatMoney(s.amount)} for ${e.description}`} onPress={() => void page.payShare(s, e.payer.id)} /> : null}
              {!s.paid && e.payer.id === viewer.id ? <Button secondary title={`${s.user.name} paid me`} label={`${s.user.name} paid me for ${e.description}`} onPress={() => void page.markSharePaid(s.id)} /> : null}
            </View>
          ))}
      </View>
    </View>
  );
}

const owesOrOwed = (net: MoneyValue): string => (net.amount === 0 ? 'settled' : net.amount > 0 ? `is owed ${formatMoney(net)}` : `owes ${formatMoney({ ...net, amount: -net.amount })}`);

/** Each member's net position per currency. */
function Balances({ group }: { group: GroupPageData }) {
  return (
    <>
      <Heading level={2}>Balances</Heading>
      <View role="list" aria-label="Group balances">
        {group.balances.map((b) => (
          <Text role="listitem" key={`${b.user.id}-${b.net.currency}`} style={styles.text}>
            {b.user.name}: {owesOrOwed(b.net)}
          </Text>
        ))}
      </View>
    </>
  );
}

/** The fewest payments that settle everyone: the debtor pays in the app, or the receiver records a payment made outside it. */
function SettleUp({ group, page }: { group: GroupPageData; page: Page }) {
  const viewer = useViewer();
  return (
    <>
      <Heading level={2}>Settle up</Heading>
      {group.settleUp.length === 0 ? <Muted>Everyone is settled.</Muted> : null}
      <View role="list" aria-label="Settle-up payments" style={{ gap: 8 }}>
        {group.settleUp.map((s) => (
          <View role="listitem" key={`${s.from.id}-${s.to.id}-${s.amount.currency}`} style={styles.card}>
            <Text style={styles.text}>
              {s.from.name} pays {s.to.name} {formatMoney(s.amount)}
            </Text>
            {s.from.id === viewer.id ? <Button title={`Pay ${s.to.name} ${formatMoney(s.amount)}`} onPress={() => void page.settle(s)} /> : null}
            {s.to.id === viewer.id ? <Button secondary title={`${s.from.name} paid me ${formatMoney(s.amount)}`} onPress={() => void page.recordSettlement(s)} /> : null}
          </View>
        ))}
      </View>
    </>
  );
}
