import { useGroupPage, useViewer, type GroupPageData } from '@sx/react';
import { CURRENCIES, type Currency, type SplitMethod } from '@sx/sdk';
import { useState } from 'react';
import { Image, Switch, Text, View } from 'react-native';
import { Button, Choice, Field, Heading, Muted } from '../components/ui';
import { styles } from '../components/theme';
import { pickReceiptPhoto, type PickedPhoto } from '../receipt-picker';

type Page = ReturnType<typeof useGroupPage>;

const SPLIT_METHODS = ['EQUAL', 'SHARES', 'EXACT'] as const satisfies readonly SplitMethod[];
const SPLIT_NAMES: Record<SplitMethod, string> = { EQUAL: 'equally', SHARES: 'by shares', EXACT: 'by exact amounts' };

/**
 * Records a shared expense: what for, how much, who paid, how it is divided among which members,
 * and (when the viewer paid) a photo of the receipt, uploaded and attached once it is recorded.
 */
export function ExpenseForm({ group, page }: { group: GroupPageData; page: Page }) {
  const viewer = useViewer();
  const members = group.members.edges.map((e) => e.node.user);
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState<Currency>('EUR');
  const [payerId, setPayerId] = useState(viewer.id);
  const [method, setMethod] = useState<SplitMethod>('EQUAL');
  // Members left out of the split, and the weights typed (shares, or amounts for EXACT).
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [weights, setWeights] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<PickedPhoto | null>(null);
  const [busy, setBusy] = useState(false);
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  // Only the payer may attach a receipt (the files service refuses anyone else).
  const canAttach = payerId === viewer.id;

  function toggle(userId: string, included: boolean) {
    setExcluded((current) => {
      const next = new Set(current);
      if (included) next.delete(userId);
      else next.add(userId);
      return next;
    });
  }

  async function submit() {
    setBusy(true);
    const split = members.filter((m) => !excluded.has(m.id)).map((m) => ({ userId: m.id, weightText: weights[m.id] ?? (method === 'SHARES' ? '1' : '') }));
    const ok = await page.addExpense({ description, amountText: amount, currency, payerId, splitMethod: method, split, receipt: canAttach ? receipt?.file : null });
    setBusy(false);
    if (!ok) return;
    setDescription('');
    setAmount('');
    setWeights({});
    setReceipt(null);
  }

  return (
    <View role="form" aria-label="Add an expense" style={styles.section}>
      <Heading level={2}>Add an expense</Heading>
      <Field label="What for" value={description} onChangeText={setDescription} maxLength={200} />
      <Field label="Amount" value={amount} onChangeText={setAmount} keyboardType="decimal-pad" />
      <Choice label="Currency" options={CURRENCIES} value={currency} onChange={setCurrency} />
      <Choice label="Paid by" options={members.map((m) => m.id)} value={payerId} onChange={setPayerId} show={nameOf} />
      <Choice label="Split" options={SPLIT_METHODS} value={method} onChange={setMethod} show={(m) => SPLIT_NAMES[m]} />
      <View role="group" aria-label="Split among" style={{ gap: 6 }}>
        {members.map((m) => (
          <View key={m.id} style={styles.row}>
            <Switch value={!excluded.has(m.id)} onValueChange={(on) => toggle(m.id, on)} aria-label={`Split with ${m.name}`} />
            <Text style={styles.text}>{m.name}</Text>
            {method !== 'EQUAL' && !excluded.has(m.id) ? (
              <Field label={method === 'EXACT' ? `Amount for ${m.name}` : `Shares for ${m.name}`} value={weights[m.id] ?? (method === 'SHARES' ? '1' : '')} onChangeText={(text) => setWeights((w) => ({ ...w, [m.id]: text }))} keyboardType="decimal-pad" />
            ) : null}
          </View>
        ))}
      </View>
      {canAttach ? (
        <View style={styles.row}>
          <Button secondary title={receipt ? 'Choose another photo' : 'Add a receipt photo'} onPress={() => void pickReceiptPhoto().then((picked) => picked && setReceipt(picked))} />
          {receipt ? <Image source={{ uri: receipt.previewUri }} alt="Receipt to attach" aria-label="Receipt to attach" role="img" style={{ width: 64, height: 64, borderRadius: 6 }} /> : null}
        </View>
      ) : (
        <Muted>Only {nameOf(payerId)} can attach the receipt.</Muted>
      )}
      <Button title="Add expense" busy={busy} disabled={!description.trim() || !amount.trim() || excluded.size === members.length} onPress={() => void submit()} />
    </View>
  );
}
