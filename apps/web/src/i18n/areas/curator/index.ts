import { registerArea } from '../..';
import en from './en.json';
import ru from './ru.json';
import vi from './vi.json';
import zh from './zh.json';

registerArea('curator', { en, ru, zh, vi });
