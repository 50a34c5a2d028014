import { useDeposit, useWallets } from '@sx/react';
import { CURRENCIES, formatMoney, type Currency } from '@sx/sdk';
import { useState } from 'react';
import { RefreshControl, ScrollView, Text, View } from 'react-native';
import { Button, Choice, ErrorText, Field, Heading, Loading, Muted } from '../components/ui';
import { styles } from '../components/theme';

/** The user's balances (one wallet per currency), kept current by payment events, and deposits. */
export function WalletScreen() {
  const { wallets, put, loading, refreshing, refresh, error } = useWallets();
  const deposit = useDeposit(put);
  const [amount, setAmount] = useState('100');
  const [currency, setCurrency] = useState<Currency>('EUR');

  return (
    <ScrollView style={styles.screen} contentContainerStyle={styles.content} refreshControl={<RefreshControl refreshing={refreshing} onRefresh={() => void refresh()} />}>
      <Heading>Wallet</Heading>
      {loading ? <Loading /> : null}
      {!loading && wallets.length === 0 ? <Muted>No money yet.</Muted> : null}
      <View role="list" aria-label="Balances" style={{ gap: 8 }}>
        {wallets.map((w) => (
          <View key={w.balance.currency} role="listitem" style={styles.card}>
            <Text style={styles.text}>
              {w.balance.currency}: {formatMoney(w.available)} available, {formatMoney(w.held)} held
            </Text>
          </View>
        ))}
      </View>
      <Heading level={2}>Deposit</Heading>
      <Muted>The development wallet’s payment provider is a local stand-in: deposits simply succeed.</Muted>
      <Field label="Amount to deposit" value={amount} onChangeText={setAmount} keyboardType="decimal-pad" />
      <Choice label="Currency" options={CURRENCIES} value={currency} onChange={setCurrency} />
      <Button title="Deposit" onPress={() => void deposit.submit(amount, currency)} busy={deposit.loading} disabled={!amount} />
      <ErrorText message={deposit.problem ?? error?.message} />
    </ScrollView>
  );
}
