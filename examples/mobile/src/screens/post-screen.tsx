import { TASK_CATEGORIES, usePostTask } from '@sx/react';
import { CURRENCIES, type Currency, type TaskCategory } from '@sx/sdk';
import { useState } from 'react';
import { ScrollView, View } from 'react-native';
import { FALLBACK_PLACE } from '../config';
import { useDeviceLocation } from '../device-location';
import { Button, Choice, ErrorText, Field, Heading, Muted } from '../components/ui';
import { styles } from '../components/theme';
import { useNavigation } from '../navigation';

/** Posts a task where the device is (or at a place typed in) and opens it, where bids arrive. */
export function PostScreen() {
  const { push } = useNavigation();
  const location = useDeviceLocation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<TaskCategory>('HANDYMAN');
  const [budget, setBudget] = useState('');
  const [currency, setCurrency] = useState<Currency>('EUR');
  const [address, setAddress] = useState('');
  const [typed, setTyped] = useState({ lat: String(FALLBACK_PLACE.lat), lng: String(FALLBACK_PLACE.lng) });
  const { submit, loading, problem } = usePostTask();
  const place = location.state === 'allowed' ? location : { lat: Number(typed.lat), lng: Number(typed.lng) };

  async function post() {
    const taskId = await submit({ title, description, category, budgetText: budget, currency, place: { lat: place.lat, lng: place.lng, address } });
    if (taskId) push({ name: 'task', taskId });
  }

  return (
    <ScrollView style={styles.screen} contentContainerStyle={styles.content} keyboardShouldPersistTaps="handled">
      <Heading>Post a task</Heading>
      <Field label="Title" value={title} onChangeText={setTitle} maxLength={120} />
      <Field label="Description" value={description} onChangeText={setDescription} multiline />
      <Choice label="Category" options={TASK_CATEGORIES} value={category} onChange={setCategory} show={(c) => c.toLowerCase()} />
      <Field label="Budget" value={budget} onChangeText={setBudget} keyboardType="decimal-pad" />
      <Choice label="Budget currency" options={CURRENCIES} value={currency} onChange={setCurrency} />
      {location.state === 'allowed' ? (
        <Muted>Where: your location ({location.lat.toFixed(4)}, {location.lng.toFixed(4)}).</Muted>
      ) : (
        <View style={styles.section}>
          <Muted>{location.state === 'asking' ? 'Finding where you are…' : `${location.reason} Type where the task is:`}</Muted>
          <Field label="Latitude" value={typed.lat} onChangeText={(lat) => setTyped({ ...typed, lat })} keyboardType="numbers-and-punctuation" />
          <Field label="Longitude" value={typed.lng} onChangeText={(lng) => setTyped({ ...typed, lng })} keyboardType="numbers-and-punctuation" />
        </View>
      )}
      <Field label="Address (optional)" value={address} onChangeText={setAddress} autoComplete="street-address" />
      <Button title="Post task" onPress={() => void post()} busy={loading} disabled={!title || !budget || location.state === 'asking'} />
      <ErrorText message={problem} />
    </ScrollView>
  );
}
