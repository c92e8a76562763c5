import { registerArea } from '../../index';
import en from './en.json';
import ru from './ru.json';
import vi from './vi.json';
import zh from './zh.json';

// Strings of the managers' experiment screens (/experiments/*), loaded with their chunk.
registerArea('exp', { en, ru, zh, vi });
